/**
 * What the adapter needs of a Memgraph server — a release it was written for, the
 * transactional storage mode, its indexes and constraints — and how to tell from Memgraph's
 * `SHOW VERSION`, `SHOW STORAGE INFO`, `SHOW INDEX INFO` and `SHOW CONSTRAINT INFO` answers
 * whether it has them. Pure, so that it is checked without a server.
 *
 * @remarks
 * Memgraph has no `IF NOT EXISTS`, and creating an index or constraint takes exclusive
 * storage access (it waits for writers, blocks them, and gives up after the storage access
 * timeout, 1 s by default). So only the writing process sets the schema up, it reads what
 * exists first, and it creates only what is missing: a process starting while another writes
 * never queues behind it for nothing.
 */
import { EDGE_TYPES } from '../../model/index.ts';
import { NODE_LABEL } from './cypher.ts';

/**
 * The Memgraph releases the adapter was written for, read against their sources: 3.0 has
 * everything it uses (edge-type indexes, `SHOW … INFO` as parsed here, Bolt 5.2, transaction
 * timeouts); 3.12.0 is the newest release confirmed.
 */
export const SUPPORTED_RELEASES = { oldest: [3, 0], newest: [3, 12] } as const;

/** Answers `version`, e.g. `3.12.0` (a build may add `+5~abc`). */
export const SHOW_VERSION = 'SHOW VERSION';

/**
 * Why a release may not work (a warning, not a refusal: Memgraph keeps its dialect stable), or
 * `undefined` for a release the adapter was written for, or a version it cannot read.
 */
export function releaseWarning(version: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  const release = [Number(match[1]), Number(match[2])];
  const before = (a: readonly number[], b: readonly number[]) =>
    a[0]! < b[0]! || (a[0] === b[0] && a[1]! < b[1]!);
  const { oldest, newest } = SUPPORTED_RELEASES;
  if (!before(release, oldest) && !before(newest, release)) return undefined;
  return `Memgraph ${version} is outside the releases the adapter was written for (${oldest.join('.')} to ${newest.join('.')}); see docs/DEPLOYMENT.md`;
}

/** Reads the schema: `index type`, `label`, `property`, `count` per index. */
export const SHOW_INDEXES = 'SHOW INDEX INFO';
/** Reads the constraints: `constraint type`, `label`, `properties` (and `data_type` since 3.0). */
export const SHOW_CONSTRAINTS = 'SHOW CONSTRAINT INFO';
/**
 * Reads `storage info` / `value` rows. Up to 3.10 they include the database's `storage_mode`;
 * since 3.11 the bare statement answers instance-wide figures only, and the database's mode is
 * in {@link SHOW_DATABASE_STORAGE}'s answer (a statement 3.10 and earlier cannot parse).
 */
export const SHOW_STORAGE = 'SHOW STORAGE INFO';
export const SHOW_DATABASE_STORAGE = 'SHOW STORAGE INFO ON CURRENT DATABASE';

/** The one storage mode with transactions (atomic change sets) and unique constraints. */
export const REQUIRED_STORAGE_MODE = 'IN_MEMORY_TRANSACTIONAL';

interface SchemaItem {
  /** How `SHOW … INFO` lists it: its type, label or edge type, and properties. */
  readonly id: string;
  /** The statement that creates it. */
  readonly create: string;
}

const idOf = (type: string, label: string, properties: readonly string[]) =>
  `${type} :${label}(${properties.join(', ')})`;

const labelIndex = (label: string): SchemaItem => ({
  id: idOf('label', label, []),
  create: `CREATE INDEX ON :${label}`,
});
const propertyIndex = (label: string, property: string): SchemaItem => ({
  id: idOf('label+property', label, [property]),
  create: `CREATE INDEX ON :${label}(${property})`,
});
/** Edge types are escaped: `CONTAINS` is a keyword. */
const edgeTypeIndex = (type: string): SchemaItem => ({
  id: idOf('edge-type', type, []),
  create: `CREATE EDGE INDEX ON :\`${type}\``,
});
const unique = (label: string, property: string): SchemaItem => ({
  id: idOf('unique', label, [property]),
  create: `CREATE CONSTRAINT ON (n:${label}) ASSERT n.${property} IS UNIQUE`,
});

/** Every index the adapter creates, in creation order. */
export const INDEXES: readonly SchemaItem[] = [
  // Scans of every code node (counts, substring search) start from the label.
  labelIndex(NODE_LABEL),
  // Every lookup by key; the uniqueness constraint does not provide one.
  propertyIndex(NODE_LABEL, 'key'),
  // Exact and prefix search, as an equality or a range seek.
  propertyIndex(NODE_LABEL, 'nameLower'),
  // The same for a query with a `.`, on qualified names.
  propertyIndex(NODE_LABEL, 'qualifiedLower'),
  // importCycles reads every file.
  labelIndex('FILE'),
  // The revision counter, read by every revision() call.
  propertyIndex('CodenavMeta', 'id'),
  // stats counts each edge type from its index instead of expanding every node.
  ...EDGE_TYPES.map(edgeTypeIndex),
];

/** Every constraint the adapter creates. */
export const CONSTRAINTS: readonly SchemaItem[] = [
  // A second MERGE of a key in a racing transaction fails at commit (and is retried, to find
  // the first one's node) instead of creating a duplicate.
  unique(NODE_LABEL, 'key'),
  // The same for the revision counter: two writers racing on the first write would otherwise
  // each create one, and the revision would split.
  unique('CodenavMeta', 'id'),
];

/** A `property` or `properties` cell: a string before Memgraph 3.2, a list of strings since, or null. */
function propertiesOf(cell: unknown): string[] {
  if (typeof cell === 'string') return [cell];
  if (Array.isArray(cell)) return cell.map(String);
  return [];
}

/**
 * The statements that create what `SHOW INDEX INFO` and `SHOW CONSTRAINT INFO` (their rows as
 * plain objects) do not list, indexes first.
 */
export function missingSchema(
  indexRows: readonly Readonly<Record<string, unknown>>[],
  constraintRows: readonly Readonly<Record<string, unknown>>[],
): string[] {
  const present = new Set<string>();
  for (const row of indexRows)
    present.add(idOf(String(row['index type']), String(row.label), propertiesOf(row.property)));
  for (const row of constraintRows)
    present.add(idOf(String(row['constraint type']), String(row.label), propertiesOf(row.properties)));
  return [...INDEXES, ...CONSTRAINTS].filter((item) => !present.has(item.id)).map((item) => item.create);
}

/** The `storage_mode` among `SHOW STORAGE INFO` rows (as plain objects), if listed. */
export function storageModeOf(rows: readonly Readonly<Record<string, unknown>>[]): string | undefined {
  const row = rows.find((r) => r['storage info'] === 'storage_mode');
  return row === undefined ? undefined : String(row.value);
}

/** Why the adapter refuses a storage mode, or `undefined` when the mode will do. */
export function storageModeProblem(mode: string, uri: string): string | undefined {
  if (mode === REQUIRED_STORAGE_MODE) return undefined;
  const why =
    mode === 'IN_MEMORY_ANALYTICAL'
      ? 'which has no transactions (a change set would not be atomic) and no unique constraints'
      : 'which the adapter does not support (no edge-type indexes on disk)';
  return (
    `Memgraph at ${uri} runs in ${mode} storage mode, ${why}; ` +
    `switch it with "STORAGE MODE ${REQUIRED_STORAGE_MODE};" or start it with --storage-mode=${REQUIRED_STORAGE_MODE}`
  );
}
