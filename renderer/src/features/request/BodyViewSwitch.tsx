import { useAppStore } from '../../state';
import { BODY_VIEWS, type BodyView, type BodyViewProps } from './body-views';

/** The view the user chose, or the first one when that id is not (or no longer) a view. */
export function chosenBodyView(id: string): BodyView {
  return BODY_VIEWS.find((v) => v.id === id) ?? BODY_VIEWS[0]!;
}

/** JSON | Form | ...: which view of the body is shown (the choice holds across tabs). */
export function BodyViewSwitch() {
  const chosen = chosenBodyView(useAppStore((s) => s.bodyView));
  const setView = useAppStore((s) => s.setBodyView);
  return (
    <div role="tablist" aria-label="Body view" className="tabs body-views">
      {BODY_VIEWS.map((view) => (
        <button
          key={view.id}
          role="tab"
          type="button"
          aria-selected={view === chosen}
          className={view === chosen ? 'active' : ''}
          title={view.title}
          onClick={() => setView(view.id)}
        >
          {view.label}
        </button>
      ))}
    </div>
  );
}

/** The chosen view of the body. */
export function BodyViewPanel(props: BodyViewProps) {
  const chosen = chosenBodyView(useAppStore((s) => s.bodyView));
  return <>{chosen.render(props)}</>;
}
