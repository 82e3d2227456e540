// Ends the run with one plain line, "jest: N passed, N failed", for readers that look for it.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
		// After jest's own closing words, so that this is the last line of the run.
		process.once('exit', () =>
			process.stdout.write(`${skipped ? `${line}, ${skipped} skipped` : line}\n`),
		);
	}
}
module.exports = SummaryReporter;
