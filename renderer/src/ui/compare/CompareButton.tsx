import { useState } from 'react';
import { useAppStore, type CompareSide } from '../../state';

/**
 * "Compare…": chooses this side for the Diff view; once a side is chosen anywhere (a tab's
 * response, a history entry, a stream message, a snapshot), "Compare with …" here opens the two.
 */
export function CompareButton({
  side,
  disabled,
}: {
  side: () => CompareSide | Promise<CompareSide>;
  disabled?: boolean;
}) {
  const first = useAppStore((s) => s.compareFirst);
  const choose = useAppStore((s) => s.chooseForCompare);
  const [problem, setProblem] = useState<string | undefined>();
  const click = async () => {
    try {
      setProblem(undefined);
      choose(await side());
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        title={first ? `Compare this with ${first.label}` : 'Choose this, then another, to see their differences'}
        onClick={() => void click()}
      >
        {first ? `Compare with ${shorten(first.label)}` : 'Compare…'}
      </button>
      {problem && (
        <span className="form-problem" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}

function shorten(label: string): string {
  return label.length > 40 ? `${label.slice(0, 39)}…` : label;
}
