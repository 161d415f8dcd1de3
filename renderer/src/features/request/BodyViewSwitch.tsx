import { useAppStore } from '../../state';
import { BODY_VIEWS, type BodyView, type BodyViewProps } from './body-views';
import { Tabs } from '../../ui/Tabs';

/** The view the user chose, or the first one when that id is not (or no longer) a view. */
export function chosenBodyView(id: string): BodyView {
  return BODY_VIEWS.find((v) => v.id === id) ?? BODY_VIEWS[0]!;
}

/** JSON | Form | ...: which view of the body is shown (the choice holds across tabs). */
export function BodyViewSwitch() {
  const chosen = chosenBodyView(useAppStore((s) => s.bodyView));
  const setView = useAppStore((s) => s.setBodyView);
  return <Tabs label="Body view" className="body-views" items={BODY_VIEWS} selected={chosen.id} onSelect={setView} />;
}

/** The chosen view of the body. */
export function BodyViewPanel(props: BodyViewProps) {
  const chosen = chosenBodyView(useAppStore((s) => s.bodyView));
  return <>{chosen.render(props)}</>;
}
