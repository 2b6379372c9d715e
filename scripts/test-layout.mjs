// Which tests run where. Every test/**/*.test.ts runs in the browsers (web-test-runner, in each
// engine) except those under these folders, which run in Node (scripts/test-node.mjs). A new folder
// of Node tests is added here once; new browser test files need no registration anywhere.
export const NODE_TEST_DIRS = ['test/server', 'test/package', 'test/memory', 'test/examples'];
