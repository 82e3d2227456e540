// End-to-end tests against a real n8n: `npm run e2e` (test/e2e/run.js) installs n8n, packs the
// package, and runs this config once per n8n version. The unit tests (jest.config.js) never match these files.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': 'ts-jest' },
	// One n8n at a time: each test file starts its own, on free ports, and 2 cores are enough for one.
	maxWorkers: 1,
	testTimeout: 120000,
	reporters: ['default'],
	verbose: true,
};
