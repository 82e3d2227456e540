/**
 * What is wrong with one field of one input item, found before anything is sent: the field's label
 * as the editor shows it, and a sentence fragment that completes "'<field>' <problem>". Every check
 * of the node (the order actions, Generate Token, Place and its pre-flight) reports in this shape.
 */
export interface ItemProblem {
	field: string;
	problem: string;
}
