/** After a state the endpoint's own segments do not confirm (inferred, or unknown; docs/tracking-model.md): every output marks it so. */
export const UNCONFIRMED_MARK = "?";
