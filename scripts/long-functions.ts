// Lists the functions longer than a limit (default 60 lines) in the given folders (default nodes/ and
// credentials/), longest first: `node scripts/run-ts.js scripts/long-functions.ts [limit] [folder…]`.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const args = process.argv.slice(3);
const limit = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 60;
const roots = args.length ? args : ['nodes', 'credentials'];

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return filesUnder(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

function nameOf(node: ts.Node): string {
	const named = node as { name?: ts.Node };
	if (named.name && ts.isIdentifier(named.name)) return named.name.text;
	const parent = node.parent;
	if (
		parent &&
		(ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) &&
		parent.name
	) {
		return parent.name.getText();
	}
	return '(anonymous)';
}

const found: Array<{ lines: number; where: string; name: string }> = [];
for (const file of roots.flatMap(filesUnder)) {
	const source = ts.createSourceFile(
		file,
		fs.readFileSync(file, 'utf8'),
		ts.ScriptTarget.ES2022,
		true,
	);
	const visit = (node: ts.Node): void => {
		if (ts.isFunctionLike(node) && (node as { body?: ts.Node }).body) {
			const start = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
			const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
			if (end - start + 1 > limit)
				found.push({ lines: end - start + 1, where: `${file}:${start}`, name: nameOf(node) });
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
}
for (const f of found.sort((a, b) => b.lines - a.lines))
	console.log(`${String(f.lines).padStart(4)}  ${f.name}  ${f.where}`);
console.log(`${found.length} function(s) over ${limit} lines`);
