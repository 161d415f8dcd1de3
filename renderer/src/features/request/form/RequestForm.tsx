/** The request body as a form of its message's fields (filled in below). */
export function RequestForm(props: {
  tabId: string;
  text: string;
  onChange: (text: string) => void;
  typeName: string;
}) {
  return <p className="hint">The form of {props.typeName} is on its way.</p>;
}
