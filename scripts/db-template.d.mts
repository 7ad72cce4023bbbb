export declare const TEMPLATE_DIR: string;
export declare function templateFits(root: string, current: string): boolean;
export declare function makeTemplate(root: string, current: string, create: (dir: string) => boolean): boolean;
export declare function copyTemplate(root: string, pgliteDir: string): void;
