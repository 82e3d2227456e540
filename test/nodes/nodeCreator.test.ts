import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Servertastic } from '../../nodes/Servertastic/Servertastic.node';
import { ServertasticEventTrigger } from '../../nodes/ServertasticEventTrigger/ServertasticEventTrigger.node';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[] };
};
const action = new Servertastic().description;
const trigger = new ServertasticEventTrigger().description;

/**
 * How n8n's node creator (editor-ui, generateMergedNodesAndActions in n8n 2.41.1) lists a package:
 * a trigger whose full type name, with its first "Trigger" removed, is the name of an action node that
 * has actions is folded into that node's entry, and the entry takes the trigger's description.
 */
function creatorEntries(
	nodes: Array<{ name: string; displayName: string; description: string; trigger: boolean }>,
) {
	const entries = nodes.filter((node) => !node.trigger).map((node) => ({ ...node }));
	for (const node of nodes.filter((candidate) => candidate.trigger)) {
		const folded = entries.find((entry) => entry.name === node.name.replace('Trigger', ''));
		if (folded) folded.description = node.description;
		else entries.push({ ...node });
	}
	return entries.map(({ displayName, description }) => ({ displayName, description }));
}

describe('the node creator lists the action node and the trigger as two entries', () => {
	const typeName = (name: string) => `${pkg.name}.${name}`;

	it('each with its own display name and description', () => {
		const nodes = [
			{
				name: typeName(action.name),
				displayName: action.displayName,
				description: action.description,
				trigger: false,
			},
			{
				name: typeName(trigger.name),
				displayName: trigger.displayName,
				description: trigger.description,
				trigger: true,
			},
		];
		expect(creatorEntries(nodes)).toEqual([
			{
				displayName: 'Servertastic',
				description: 'Order and manage SSL/TLS certificates with the Servertastic reseller API',
			},
			{
				displayName: 'Servertastic Trigger',
				description: expect.stringMatching(/^Starts the workflow when/),
			},
		]);
		expect(trigger.defaults.name).toBe('Servertastic Trigger');
		expect(action.defaults.name).toBe('Servertastic');
	});

	it('the codex files name the node types the classes declare', () => {
		const nodes = [
			['Servertastic/Servertastic', action],
			['ServertasticEventTrigger/ServertasticEventTrigger', trigger],
		] as const;
		for (const [path, description] of nodes) {
			const codex = JSON.parse(readFileSync(join(ROOT, 'nodes', `${path}.node.json`), 'utf8')) as {
				node: string;
			};
			expect(codex.node).toBe(typeName(description.name));
			expect(pkg.n8n.nodes).toContain(`dist/nodes/${path}.node.js`);
		}
		expect(pkg.n8n.nodes).toHaveLength(2);
	});
});
