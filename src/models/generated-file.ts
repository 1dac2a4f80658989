/** A generated file: POSIX path relative to the models root (`interaction-models/`) and its text. */
export interface GeneratedFile {
  path: string;
  content: string;
}
