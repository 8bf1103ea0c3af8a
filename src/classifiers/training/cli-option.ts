/** The value after `--name` in argv, for the training tools' small command lines (compare-configs, window-scoring). */
export function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
