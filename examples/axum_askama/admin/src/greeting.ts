export function greeting(entry: string): string {
  return `${entry} ran`;
}
