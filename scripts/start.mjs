#!/usr/bin/env node
// `npm start`: will start the embedded mock backend, the proxy and the demo page on one origin.
// The mock backend and the demo are not in this revision yet; say so plainly instead of failing.
console.log('task-elements: the demo page and the embedded mock backend are not built yet.');
console.log('For now, `npm test` runs the core test suite and `npm run build` builds dist/.');
