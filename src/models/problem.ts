/**
 * One finding of `models validate` (or of loading the source): where it is — file, intent,
 * sample — and what is wrong. Errors fail the command; warnings are printed only.
 */
export interface Problem {
  severity: 'error' | 'warning';
  /** Short rule id, stable for tests and for grepping: `invocation-name`, `duplicate-sample`, … */
  rule: string;
  file: string;
  intent?: string;
  sample?: string;
  message: string;
}

/**
 * One line per problem, e.g.
 * `error [digits-in-sample] source/de.yaml › OrderStatusIntent › "bestellung 12": spell numbers out`.
 */
export function formatProblem(problem: Problem): string {
  const where = [problem.file];
  if (problem.intent) where.push(problem.intent);
  if (problem.sample !== undefined) where.push(JSON.stringify(problem.sample));
  return `${problem.severity} [${problem.rule}] ${where.join(' › ')}: ${problem.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Collects problems for one file; `error`/`warn` keep call sites short. */
export class ProblemList {
  readonly items: Problem[] = [];

  error(rule: string, file: string, message: string, at: { intent?: string; sample?: string } = {}): void {
    this.items.push({ severity: 'error', rule, file, ...at, message });
  }

  warn(rule: string, file: string, message: string, at: { intent?: string; sample?: string } = {}): void {
    this.items.push({ severity: 'warning', rule, file, ...at, message });
  }
}
