import type { FieldNode } from 'graphql';

/** What one request makes once and reuses: its loaders, and what each field derives. */
export class RequestMemo {
  private readonly made = new Map<string, unknown>();
  private readonly fields = new WeakMap<readonly FieldNode[], unknown>();

  /** What `create` returns, made once in this request under `name`. */
  once<L>(name: string, create: () => L): L {
    let value = this.made.get(name);
    if (value === undefined) {
      value = create();
      this.made.set(name, value);
    }
    return value as L; // the name determines what was stored under it
  }

  /**
   * What `make` returns, made once in this request for one GraphQL field. graphql-js hands every
   * parent of a list the same field nodes, and in one request the same nodes carry the same
   * arguments (the document's, with the request's variables), so what a nested field derives
   * from its arguments (conditions, selected measures, its loader) needs working out once, not
   * once per parent: 86 entities asked for 5 nested aggregates were 430 loader lookups by JSON.
   */
  perField<L>(nodes: readonly FieldNode[], make: () => L): L {
    let value = this.fields.get(nodes);
    if (value === undefined) {
      value = make();
      this.fields.set(nodes, value);
    }
    return value as L; // one field's nodes are only ever looked up by that field's resolver
  }
}
