/** A rules file or rule flag that cannot be used; the message names the rule and the bad key or value. */
export class RulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulesError";
  }
}
