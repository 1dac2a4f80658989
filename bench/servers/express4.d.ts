// `express4` is express 4.21 under an npm alias (package.json devDependencies); the parts the
// baseline uses (the app, `json()`, `post`, `res.json`) have the same shape as in express 5's types.
declare module 'express4' {
  import express from 'express';
  export default express;
}
