#!/usr/bin/env node
// Runs a TypeScript script from the source tree (so its relative paths hold) by transpiling each
// .ts file on require with the project's TypeScript. Type checking is `npm run typecheck`'s job.
const fs = require('fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true,
		},
	});
	module._compile(outputText, filename);
};
require(require('path').resolve(process.argv[2]));
