// The Express binding is not built yet; see README.md.
export {};
