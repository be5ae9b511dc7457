/** Version of the bulwark CLI, kept equal to the workspace version. */
export const BULWARK_VERSION = '0.1.0';
