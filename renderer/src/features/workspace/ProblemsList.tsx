import type { WorkspaceProblem } from '../../../../shared/model/workspace';

const where = (p: WorkspaceProblem) =>
  `${p.file}${p.line !== undefined ? `:${p.line}` : ''}${p.line !== undefined && p.column !== undefined ? `:${p.column}` : ''}`;

/** The message without the file and position it starts with (shown beside it already). */
const reason = (p: WorkspaceProblem) =>
  p.message.startsWith(p.file) ? p.message.slice(p.file.length).replace(/^(:\d+)*:\s*/, '') : p.message;

/** Files of the workspace that could not be read; everything else loaded. */
export function ProblemsList({ problems }: { problems: WorkspaceProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section className="ws-problems" role="alert" aria-label="Workspace problems">
      <strong>
        {problems.length === 1 ? '1 file could not be read' : `${problems.length} files could not be read`}
      </strong>
      <ul>
        {problems.map((p) => (
          <li key={`${p.file}:${p.line ?? ''}:${p.message}`}>
            <code className="ws-problem-file">{where(p)}</code>
            <span className="ws-problem-message">{reason(p)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
