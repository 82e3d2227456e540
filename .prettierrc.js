// The formatting of n8n's node starter (n8n-io/n8n-nodes-starter .prettierrc.js): tabs, single
// quotes, trailing commas, 100 columns. `npm run format:check` reports what it would change.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
};
