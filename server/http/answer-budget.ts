import type { Plugin } from 'graphql-yoga';
import type { AnswerBudget } from '../../schema/index.ts';

/**
 * An operation whose answer grew beyond its budget (`schema/answer-budget.ts`) is answered with
 * the budget's one `QUERY_TOO_COMPLEX` error and no data, not with what was made before the
 * bound and an error for every field cut after it (thousands). Runs before the response cache
 * and error masking, over HTTP and WebSocket alike (graphql-ws executes through
 * `yoga.getEnveloped`).
 */
export function answerBudgetPlugin(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ setResult }) {
          const error = (args.contextValue as { budget?: AnswerBudget }).budget?.error;
          if (error) setResult({ data: null, errors: [error] });
        },
      };
    },
  };
}
