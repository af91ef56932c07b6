import {
  AGENCY,
  HUB_CONCEPTS,
  OBS_VALUE_CONCEPT,
  VERSION,
  refText,
  type ArtefactRef,
  type CategoryDefinition,
  type CodelistDefinition,
  type Concept,
  type DataflowDefinition,
  type Item,
  type SdmxDeclaration,
} from './model';

/** The structure types of the SDMX REST API, as its paths name them. */
export const STRUCTURE_TYPES = [
  'dataflow',
  'datastructure',
  'codelist',
  'conceptscheme',
  'categoryscheme',
  'categorisation',
  'contentconstraint',
] as const;
export type StructureType = (typeof STRUCTURE_TYPES)[number];

export interface Artefact {
  type: StructureType;
  ref: ArtefactRef;
  name: string;
  /** The artefacts it refers to (a dataflow its structure, a structure its codelists...). */
  children: readonly string[];
  /** The dataflow it belongs to (its own, its structure's, its constraint's, its categorisation's). */
  flow?: DataflowDefinition;
  /** A categorisation's category. */
  category?: string;
}

export const CATEGORY_SCHEME: ArtefactRef = {
  agency: AGENCY,
  id: 'CAT_HR_REFORM',
  version: VERSION,
};

/** A flow's data structure definition and its actual content constraint. */
export const dsdRef = (flow: DataflowDefinition): ArtefactRef => ({
  agency: AGENCY,
  id: `DSD_${flow.id}`,
  version: VERSION,
});
export const flowRef = (flow: DataflowDefinition): ArtefactRef => ({
  agency: AGENCY,
  id: flow.id,
  version: VERSION,
});
export const constraintRef = (flow: DataflowDefinition): ArtefactRef => ({
  agency: AGENCY,
  id: `CC_${flow.id}`,
  version: VERSION,
});
export const categorisationRef = (flow: DataflowDefinition, category: string): ArtefactRef => ({
  agency: AGENCY,
  id: `CAT_${flow.id}_${category}`,
  version: VERSION,
});

const key = (type: StructureType, ref: ArtefactRef) => `${type}=${refText(ref)}`;

/**
 * Every structure the hub publishes, derived from the dataset modules' SDMX declarations: each
 * dataflow brings its data structure, the concepts and codelists of its components, its
 * categorisations and its content constraint. Inconsistent declarations (a codelist declared
 * twice with different codes, a category nobody declares) fail at start-up.
 */
export class SdmxRegistry {
  readonly flows: readonly DataflowDefinition[];
  readonly categories: readonly CategoryDefinition[];
  readonly artefacts = new Map<string, Artefact>();
  readonly codelists = new Map<string, CodelistDefinition>();
  readonly conceptSchemes = new Map<string, { ref: ArtefactRef; concepts: Map<string, Concept> }>();
  private readonly parents = new Map<string, Set<string>>();

  constructor(declarations: readonly SdmxDeclaration[]) {
    this.flows = declarations.flatMap((d) => d.dataflows ?? []);
    this.categories = declarations.flatMap((d) => d.categories ?? []);
    const problems: string[] = [];
    const categoryIds = new Set(this.categories.map((c) => c.id));
    const flowIds = new Set<string>();
    for (const flow of this.flows) {
      if (flowIds.has(flow.id)) problems.push(`dataflow ${flow.id} is declared twice`);
      flowIds.add(flow.id);
      const time = flow.dimensions.at(-1);
      if (time?.id !== 'TIME_PERIOD') problems.push(`dataflow ${flow.id}: TIME_PERIOD is not last`);
      const children: string[] = [];
      for (const component of [...flow.dimensions, ...flow.attributes]) {
        children.push(this.addConcept(component.concept));
        if (component.codelist) {
          const problem = this.addCodelist(component.codelist);
          if (problem) problems.push(`dataflow ${flow.id}: ${problem}`);
          children.push(key('codelist', component.codelist.ref));
        }
      }
      children.push(this.addConcept({ ...OBS_VALUE_CONCEPT }));
      const dsd = this.add({
        type: 'datastructure',
        ref: dsdRef(flow),
        name: flow.name,
        children: [...new Set(children)],
        flow,
      });
      const flowKey = this.add({
        type: 'dataflow',
        ref: flowRef(flow),
        name: flow.name,
        children: [dsd],
        flow,
      });
      this.add({
        type: 'contentconstraint',
        ref: constraintRef(flow),
        name: `Data available in ${flow.id}`,
        children: [flowKey],
        flow,
      });
      for (const category of flow.categories) {
        if (!categoryIds.has(category))
          problems.push(`dataflow ${flow.id}: no dataset declares the category ${category}`);
        this.add({
          type: 'categorisation',
          ref: categorisationRef(flow, category),
          name: `${flow.id} in ${category}`,
          children: [flowKey, key('categoryscheme', CATEGORY_SCHEME)],
          flow,
          category,
        });
      }
    }
    if (this.categories.length > 0)
      this.add({
        type: 'categoryscheme',
        ref: CATEGORY_SCHEME,
        name: 'Outcome areas of human resources management reform (A/77/590/Add.1)',
        children: [],
      });
    for (const scheme of this.conceptSchemes.values())
      this.add({
        type: 'conceptscheme',
        ref: scheme.ref,
        name:
          scheme.ref.id === HUB_CONCEPTS.id
            ? 'Concepts of the reform data hub'
            : 'SDMX cross-domain concepts',
        children: [],
      });
    for (const codelist of this.codelists.values())
      this.add({ type: 'codelist', ref: codelist.ref, name: codelist.name, children: [] });
    if (problems.length > 0) throw new Error(`SDMX declarations: ${problems.join('; ')}`);
    for (const [parent, artefact] of this.artefacts)
      for (const child of artefact.children) {
        const set = this.parents.get(child) ?? new Set<string>();
        set.add(parent);
        this.parents.set(child, set);
      }
  }

  private add(artefact: Artefact): string {
    const k = key(artefact.type, artefact.ref);
    this.artefacts.set(k, artefact);
    return k;
  }

  private addConcept(concept: Concept): string {
    const k = refText(concept.scheme);
    const scheme = this.conceptSchemes.get(k) ?? { ref: concept.scheme, concepts: new Map() };
    if (!scheme.concepts.has(concept.id)) scheme.concepts.set(concept.id, concept);
    this.conceptSchemes.set(k, scheme);
    return key('conceptscheme', concept.scheme);
  }

  private addCodelist(codelist: CodelistDefinition): string | null {
    const k = key('codelist', codelist.ref);
    const known = this.codelists.get(k);
    if (!known) {
      this.codelists.set(k, codelist);
      return null;
    }
    const codes = (c: CodelistDefinition) =>
      c.source.kind === 'fixed' ? c.source.codes.map((i) => i.id).join(',') : c.source.selection;
    return codes(known) === codes(codelist)
      ? null
      : `codelist ${refText(codelist.ref)} is declared twice with different codes`;
  }

  flow(id: string): DataflowDefinition | undefined {
    return this.flows.find((flow) => flow.id === id);
  }

  /** Artefacts of a type matching agency, id and version (`all`, `*`, `latest`, `~` match any). */
  find(type: StructureType, agency: string, id: string, version: string): Artefact[] {
    const any = (value: string) => value === 'all' || value === '*' || value === '';
    const matches = (wanted: string, actual: string) =>
      any(wanted) || wanted.split('+').includes(actual);
    const anyVersion = (v: string) => any(v) || v === 'latest' || v === '~' || v === '+';
    return [...this.artefacts.values()].filter(
      (a) =>
        a.type === type &&
        matches(agency, a.ref.agency) &&
        matches(id, a.ref.id) &&
        (anyVersion(version) || matches(version, a.ref.version)),
    );
  }

  /**
   * The artefacts `references` adds to those asked for: `children` (what they refer to),
   * `descendants` (transitively), `parents` (what refers to them), `parentsandsiblings`,
   * `all` (parents, siblings and descendants) or one structure type (of all those).
   */
  referenced(artefacts: readonly Artefact[], references: string): Artefact[] {
    const start = artefacts.map((a) => key(a.type, a.ref));
    const childrenOf = (k: string) => this.artefacts.get(k)?.children ?? [];
    const parentsOf = (k: string) => [...(this.parents.get(k) ?? [])];
    const descendants = () => {
      const seen = new Set<string>();
      const visit = (k: string) => {
        for (const child of childrenOf(k))
          if (!seen.has(child)) {
            seen.add(child);
            visit(child);
          }
      };
      start.forEach(visit);
      return [...seen];
    };
    const parents = () => start.flatMap(parentsOf);
    const siblings = () => parents().flatMap(childrenOf);
    let keys: string[];
    switch (references) {
      case 'none':
        keys = [];
        break;
      case 'children':
        keys = start.flatMap(childrenOf);
        break;
      case 'descendants':
        keys = descendants();
        break;
      case 'parents':
        keys = parents();
        break;
      case 'parentsandsiblings':
        keys = [...parents(), ...siblings()];
        break;
      case 'all':
        keys = [...parents(), ...siblings(), ...descendants()];
        break;
      default:
        keys = [...parents(), ...descendants()].filter((k) => k.startsWith(`${references}=`));
    }
    const startSet = new Set(start);
    return [...new Set(keys)]
      .filter((k) => !startSet.has(k))
      .map((k) => this.artefacts.get(k))
      .filter((a): a is Artefact => a !== undefined);
  }

  /** Which concepts of a scheme the given artefacts use (for `detail=referencepartial`). */
  conceptsUsedBy(artefacts: readonly Artefact[]): Set<string> {
    const used = new Set<string>();
    for (const artefact of artefacts) {
      const { flow } = artefact;
      if (artefact.type !== 'datastructure' || !flow) continue;
      for (const c of [...flow.dimensions, ...flow.attributes])
        used.add(`${refText(c.concept.scheme)}.${c.concept.id}`);
      used.add(`${refText(OBS_VALUE_CONCEPT.scheme)}.${OBS_VALUE_CONCEPT.id}`);
    }
    return used;
  }
}

/** The codes of a codelist that a GraphQL answer (or the declaration) gives. */
export function codesOf(codelist: CodelistDefinition, data: unknown): Item[] {
  return codelist.source.kind === 'fixed' ? [...codelist.source.codes] : codelist.source.read(data);
}
