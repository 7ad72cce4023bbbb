/** One thing wrong with a request: where (a JSON path, a field, a header) and what. */
export interface ApiIssue {
  path: string;
  message: string;
}
