const { src, dest } = require('gulp');

// tsc compiles the TypeScript; the icons and the codex files next to the nodes are copied as they are.
function copyNodeAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyNodeAssets;
