import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type PothosOutputFieldType,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { type AnswerBudget, weighValue } from './answer-budget.ts';

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      answerBudget: PothosAnswerBudgetPlugin<Types>;
    }
    interface FieldOptions {
      /**
       * `'byResolver'`: the value was charged where it was made (a `source` field's text, as
       * it is cut), so the field itself adds nothing to the answer's count.
       */
      answerWeight?: 'byResolver';
    }
  }
}

/**
 * Charges every field's value to its operation's {@link AnswerBudget} (the context's `budget`):
 * a list its items, a string (or a JSON scalar's strings) its characters. Once the budget is
 * exceeded, every field resolver throws its refusal at once, so nothing more is read or built.
 *
 * @remarks
 * Subscriptions are not charged: a payload is the revision's own records (changes, semantic
 * changes, their keys), made once for every subscriber and bounded by the revision itself; no
 * field under `Subscription` reads the store or the files (a test walks the types to keep it
 * so). Fields that only copy a number, a boolean or an enum from their parent are left as
 * they are, so large answers pay for nothing they do not produce.
 */
export class PothosAnswerBudgetPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const weighed =
      fieldConfig.pothosOptions.answerWeight !== 'byResolver' && this.#producesAnswer(fieldConfig.type);
    const computed = fieldConfig.resolve !== undefined;
    if (!weighed && !computed) return resolver;
    return (parent, args, context, info) => {
      const budget = (context as { budget?: AnswerBudget }).budget;
      if (budget === undefined || info.operation.operation === 'subscription') {
        return resolver(parent, args, context, info);
      }
      budget.assertOpen();
      const value = resolver(parent, args, context, info);
      if (!weighed) return value;
      if (value instanceof Promise) return value.then((resolved) => charged(budget, resolved));
      return charged(budget, value);
    };
  }

  /** A list, a string or a JSON scalar: what makes an answer grow. */
  #producesAnswer(type: PothosOutputFieldType<Types>): boolean {
    if (type.kind === 'List') return true;
    if (type.kind !== 'Scalar') return false;
    const name = this.buildCache.getTypeConfig(type.ref).name;
    return name === 'String' || name === 'JSON';
  }
}

function charged<T>(budget: AnswerBudget, value: T): T {
  const { items, chars } = weighValue(value);
  if (items > 0 || chars > 0) budget.charge(items, chars);
  return value;
}

SchemaBuilder.registerPlugin('answerBudget', PothosAnswerBudgetPlugin);
