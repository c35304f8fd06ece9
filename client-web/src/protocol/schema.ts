// A room's entity schema (Welcome.schema) as the client uses it: each field's index by name,
// the rate array the mirror dead-reckons with, kinds by value, and reads of an entity's
// fields by name. Nothing here knows any particular game: a game looks its own names up.

import { FieldType, type GameSchema } from "../gen/tickstream/v1/tickstream_pb.js";
import type { InterpolationOptions } from "./interpolation.js";

/** One entity field, as declared in Welcome.schema.fields. */
export interface SchemaField {
  /** Position in an entity row (and bit in a snapshot mask). */
  readonly index: number;
  readonly name: string;
  readonly type: FieldType;
  /** Inclusive range of a FIELD_INT (0 and 0 when the server sets none). */
  readonly min: number;
  readonly max: number;
  /** FIELD_ANGLE: steps per full turn (2^bits); 0 for other types. */
  readonly steps: number;
  /** FIELD_ENUM: the names of values 0, 1, …; empty for other types. */
  readonly values: readonly string[];
  /** Index of the field holding this one's change per tick (dead reckoning), -1 for none. */
  readonly rate: number;
}

/** One entity kind, as declared in Welcome.schema.kinds. */
export interface SchemaKind {
  readonly name: string;
  /** The FIELD_KIND field's value for this kind: its index in the schema plus one. */
  readonly value: number;
  /** Indexes of the fields an entity of this kind uses; the others stay 0. */
  readonly fields: readonly number[];
}

/** What a field is read from: an entity row, or its values. */
export type FieldSource = { readonly values: readonly number[] } | readonly number[];

/** A schema the client cannot work with (a field named twice, a rate naming no field, …). */
export class SchemaError extends Error {
  constructor(message: string) {
    super(`bad entity schema: ${message}`);
    this.name = "SchemaError";
  }
}

/** Rows carry at most this many fields (snapshot masks are 32-bit). */
export const MAX_FIELDS = 32;

/**
 * The entity schema of a room. `F` names the fields a game expects (see `EntitySchema.as`);
 * it only types the calls: a field the server did not declare reads as 0, like a field an
 * entity's kind does not use.
 */
export class EntitySchema<F extends string = string> {
  /** Fields in row order. */
  readonly fields: readonly SchemaField[];
  /** Kinds in declaration order (kind value = index + 1). */
  readonly kinds: readonly SchemaKind[];
  /** Per field, the index of its rate field or -1: what WorldMirror takes as `rates`. */
  readonly rates: readonly number[];
  /** Index of the FIELD_KIND field, -1 when the game has none. */
  readonly kindField: number;
  /** Indexes of the first FIELD_POSITION_X and FIELD_POSITION_Y fields, -1 when absent. */
  readonly positionX: number;
  readonly positionY: number;
  private readonly byName: ReadonlyMap<string, SchemaField>;

  private constructor(fields: SchemaField[], kinds: SchemaKind[]) {
    this.fields = fields;
    this.kinds = kinds;
    this.byName = new Map(fields.map((f) => [f.name, f]));
    this.rates = fields.map((f) => f.rate);
    this.kindField = fields.findIndex((f) => f.type === FieldType.FIELD_KIND);
    this.positionX = fields.findIndex((f) => f.type === FieldType.FIELD_POSITION_X);
    this.positionY = fields.findIndex((f) => f.type === FieldType.FIELD_POSITION_Y);
  }

  /**
   * Builds the schema from Welcome.schema. Throws SchemaError when it has no field, more than
   * 32, a name twice, or a rate or kind that names no field.
   */
  static from(schema: Pick<GameSchema, "fields" | "kinds"> | undefined): EntitySchema {
    const specs = schema?.fields ?? [];
    if (specs.length === 0) throw new SchemaError("no entity fields (a server older than Welcome.schema?)");
    if (specs.length > MAX_FIELDS) throw new SchemaError(`${specs.length} fields, at most ${MAX_FIELDS}`);
    const index = new Map<string, number>();
    specs.forEach((s, i) => {
      if (!s.name) throw new SchemaError(`field ${i} has no name`);
      if (index.has(s.name)) throw new SchemaError(`field "${s.name}" is declared twice`);
      index.set(s.name, i);
    });
    const fields = specs.map((s, i): SchemaField => {
      const rate = s.rate ? index.get(s.rate) : -1;
      if (rate === undefined || rate === i) throw new SchemaError(`field "${s.name}" has rate "${s.rate}", which is no other field`);
      const steps = s.type === FieldType.FIELD_ANGLE ? 2 ** s.bits : 0;
      return { index: i, name: s.name, type: s.type, min: s.min, max: s.max, steps, values: [...s.values], rate };
    });
    const kinds = (schema?.kinds ?? []).map((k, i): SchemaKind => {
      for (const f of k.fields) if (f >= fields.length) throw new SchemaError(`kind "${k.name}" uses field ${f}, beyond the ${fields.length}`);
      return { name: k.name, value: i + 1, fields: [...k.fields] };
    });
    return new EntitySchema(fields, kinds);
  }

  /** Number of fields in a row. */
  get fieldCount(): number {
    return this.fields.length;
  }

  /** The same schema, typed with the field names a game reads (no check: see `missing`). */
  as<G extends string>(): EntitySchema<G> {
    return this as unknown as EntitySchema<G>;
  }

  /** Which of `names` the schema does not declare (a game may refuse to run without them). */
  missing(names: readonly string[]): string[] {
    return names.filter((n) => !this.byName.has(n));
  }

  /** The field named `name`, undefined when the schema has none. */
  field(name: F): SchemaField | undefined {
    return this.byName.get(name);
  }

  /** Index of the field named `name` in a row, -1 when the schema has none. */
  indexOf(name: F): number {
    return this.byName.get(name)?.index ?? -1;
  }

  /** The value of field `name` in `row` (wire units); 0 when the schema has no such field. */
  read(row: FieldSource, name: F): number {
    const i = this.indexOf(name);
    return i >= 0 ? (valuesOf(row)[i] ?? 0) : 0;
  }

  /** A fast reader of one field, for loops over many rows (0 when the field is absent). */
  reader(name: F): (row: FieldSource) => number {
    const i = this.indexOf(name);
    return (row) => (i < 0 ? 0 : (valuesOf(row)[i] ?? 0));
  }

  /** Every field of `row` by name, e.g. `schema.record(row).hp`. */
  record(row: FieldSource): Readonly<Record<F, number>> {
    const values = valuesOf(row);
    const out: Record<string, number> = {};
    for (const f of this.fields) out[f.name] = values[f.index] ?? 0;
    return out as Record<F, number>;
  }

  /** The kind value (FIELD_KIND) of kind `name`; 0 when the schema has no such kind. */
  kindValue(name: string): number {
    return this.kinds.find((k) => k.name === name)?.value ?? 0;
  }

  /** The kind of `row`, undefined when it has none the schema declares. */
  kindOf(row: FieldSource): SchemaKind | undefined {
    if (this.kindField < 0) return undefined;
    const value = valuesOf(row)[this.kindField];
    return this.kinds[value - 1];
  }

  /** Whether `row` is of kind `name`. */
  isKind(row: FieldSource, name: string): boolean {
    return this.kindOf(row)?.name === name;
  }

  /**
   * Interpolation options for this schema: positions blend linearly, angles the short way
   * round their turn; a change in any of `breaks` (e.g. a respawn counter) snaps instead.
   */
  interpolation(breaks: readonly F[] = []): InterpolationOptions {
    const of = (t: FieldType) => this.fields.filter((f) => f.type === t).map((f) => f.index);
    return {
      linear: [...of(FieldType.FIELD_POSITION_X), ...of(FieldType.FIELD_POSITION_Y)],
      angles: this.fields.filter((f) => f.type === FieldType.FIELD_ANGLE).map((f) => ({ field: f.index, steps: f.steps })),
      breaks: breaks.map((b) => this.indexOf(b)).filter((i) => i >= 0),
    };
  }

  /** Whether rows of `other` line up with rows of this schema (same fields, types and rates). */
  sameRows(other: EntitySchema<string> | undefined): boolean {
    if (!other || other.fields.length !== this.fields.length) return false;
    return this.fields.every((f, i) => {
      const o = other.fields[i];
      return o.name === f.name && o.type === f.type && o.rate === f.rate;
    });
  }
}

function valuesOf(row: FieldSource): readonly number[] {
  return Array.isArray(row) ? row : (row as { readonly values: readonly number[] }).values;
}
