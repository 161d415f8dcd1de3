// What comparing v1 with v2 must find: one row per change v2 makes (see the "v2:" comments in
// v1/), named by the change kinds issue 16 lists, with whom it breaks and the strictest-free
// category that reports it.
import type { DriftCategory, DriftFinding, DriftKind } from '../../../../../shared/model/drift';

export interface Expected {
  change: string;
  kind: DriftKind;
  category: DriftCategory;
  rule: string;
  subject: string;
  /** Only a faithful side can show it: protobufjs (Node reflection) loses json_name, labels and files. */
  faithfulOnly?: boolean;
}

const row = (
  change: string,
  kind: DriftKind,
  category: DriftCategory,
  rule: string,
  subject: string,
  faithfulOnly = false,
): Expected => ({ change, kind, category, rule, subject, faithfulOnly });

export const V1_TO_V2: Expected[] = [
  row('field number reused with another name and type', 'breaking-wire', 'WIRE', 'FIELD_WIRE_COMPATIBLE_TYPE', 'acme.users.v1.User.email'),
  row('field type changed', 'breaking-wire', 'WIRE', 'FIELD_WIRE_COMPATIBLE_TYPE', 'acme.users.v1.User.age'),
  row('field type changed, same wire type', 'breaking-json', 'WIRE_JSON', 'FIELD_WIRE_JSON_COMPATIBLE_TYPE', 'acme.users.v1.User.login_count'),
  row('field cardinality changed', 'breaking-wire', 'WIRE', 'FIELD_WIRE_COMPATIBLE_CARDINALITY', 'acme.users.v1.User.score'),
  row('required field made optional', 'breaking-wire', 'WIRE', 'MESSAGE_SAME_REQUIRED_FIELDS', 'acme.audit.v1.Entry.actor', true),
  row('field moved into a oneof', 'breaking-wire', 'WIRE', 'FIELD_SAME_ONEOF', 'acme.users.v1.User.matrix'),
  row('enum value renumbered', 'breaking-wire', 'WIRE', 'ENUM_VALUE_SAME_NUMBER', 'acme.users.v1.Status.STATUS_BANNED'),
  row('method input type changed', 'breaking-wire', 'WIRE', 'RPC_SAME_REQUEST_TYPE', 'acme.users.v1.Users.UpdateUser'),
  row('method output type changed', 'breaking-wire', 'WIRE', 'RPC_SAME_RESPONSE_TYPE', 'acme.users.v1.Users.CountUsers'),
  row('method streaming kind changed', 'breaking-wire', 'WIRE', 'RPC_SAME_CLIENT_STREAMING', 'acme.users.v1.Users.WatchUsers'),
  row('method removed', 'breaking-wire', 'WIRE', 'RPC_NO_DELETE', 'acme.users.v1.Users.DeleteUser'),
  row('service removed', 'breaking-wire', 'WIRE', 'SERVICE_NO_DELETE', 'acme.users.v1.Legacy'),
  row('package moved', 'breaking-wire', 'WIRE', 'PACKAGE_MOVED', 'acme.audit.v1'),
  row('field renamed', 'breaking-json', 'WIRE_JSON', 'FIELD_SAME_NAME', 'acme.users.v1.User.nickname'),
  row('enum value renamed', 'breaking-json', 'WIRE_JSON', 'ENUM_VALUE_SAME_NAME', 'acme.users.v1.Status.STATUS_ACTIVE'),
  row('json_name changed', 'breaking-json', 'WIRE_JSON', 'FIELD_SAME_JSON_NAME', 'acme.users.v1.User.phone', true),
  row('message removed', 'breaking-source', 'PACKAGE', 'PACKAGE_MESSAGE_NO_DELETE', 'acme.users.v1.Badge'),
  row('message removed (with its method)', 'breaking-source', 'PACKAGE', 'PACKAGE_MESSAGE_NO_DELETE', 'acme.users.v1.DeleteUserRequest'),
  row('message removed (with its method)', 'breaking-source', 'PACKAGE', 'PACKAGE_MESSAGE_NO_DELETE', 'acme.users.v1.DeleteUserResponse'),
  row('field removed, not reserved', 'breaking-source', 'PACKAGE', 'FIELD_NO_DELETE', 'acme.users.v1.User.fax'),
  row('field removed, reserved', 'breaking-source', 'PACKAGE', 'FIELD_NO_DELETE', 'acme.users.v1.User.pager'),
  row('enum value removed', 'breaking-source', 'PACKAGE', 'ENUM_VALUE_NO_DELETE', 'acme.users.v1.Status.STATUS_LOCKED'),
  row('removed field not reserved', 'hygiene', 'WIRE', 'FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED', 'acme.users.v1.User.fax'),
  row('removed enum value not reserved', 'hygiene', 'WIRE', 'ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED', 'acme.users.v1.Status.STATUS_LOCKED'),
  row('file removed (moved with its package)', 'breaking-source', 'FILE', 'FILE_NO_DELETE', 'acme/audit/v1/audit.proto', true),
  row('service moved to another file', 'breaking-source', 'FILE', 'SERVICE_NO_DELETE', 'acme.audit.v1.Audit', true),
  row('message moved to another file', 'breaking-source', 'FILE', 'MESSAGE_NO_DELETE', 'acme.audit.v1.Entry', true),
  row('message moved to another file', 'breaking-source', 'FILE', 'MESSAGE_NO_DELETE', 'acme.audit.v1.Receipt', true),
  row('service added', 'addition', 'WIRE', 'SERVICE_ADDED', 'acme.users.v1.Admin'),
  row('method added', 'addition', 'WIRE', 'RPC_ADDED', 'acme.users.v1.Users.CreateUser'),
  row('message added', 'addition', 'WIRE', 'MESSAGE_ADDED', 'acme.users.v1.PatchUserRequest'),
  row('message added', 'addition', 'WIRE', 'MESSAGE_ADDED', 'acme.users.v1.UserTally'),
  row('field added', 'addition', 'WIRE', 'FIELD_ADDED', 'acme.users.v1.User.locale'),
  row('enum value added', 'addition', 'WIRE', 'ENUM_VALUE_ADDED', 'acme.users.v1.Status.STATUS_PENDING'),
];

/** A finding as the rows above name it, for comparing sets. */
export function key(f: Pick<DriftFinding, 'kind' | 'category' | 'rule' | 'subject'>): string {
  return `${f.kind} ${f.category} ${f.rule} ${f.subject}`;
}

/** The rows a comparison must produce: faithful ones only when both sides are faithful. */
export function expectedKeys(faithful: boolean, rename: (subject: string) => string = (s) => s): string[] {
  return V1_TO_V2.filter((r) => faithful || !r.faithfulOnly)
    .map((r) => key({ ...r, subject: rename(r.subject) }))
    .sort();
}
