/**
 * The workspace part of the contract: collections, environments, history. Spread into
 * loupeContract (contract/index.ts) so there is still one contract.
 */
export const workspaceContract = {};
