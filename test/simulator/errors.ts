// Error codes of the simulator. The real API's numbers are not documented: these are stable so tests
// can tell the cases apart, and the node must rely on the message, not the number.
export const ErrorCode = {
	InvalidApiKey: -1,
	InvalidOrderToken: -2,
	MissingParameter: -3,
	InvalidParameter: -4,
	InvalidState: -5,
	InsufficientPoints: -6,
	DuplicateReference: -7,
	PostRequired: -8,
	UnknownCall: -9,
	NotJson: -10,
} as const;

export class ApiError extends Error {
	constructor(
		readonly code: number,
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

export const missing = (name: string): ApiError =>
	new ApiError(ErrorCode.MissingParameter, `${name} is required`);
export const invalid = (message: string): ApiError =>
	new ApiError(ErrorCode.InvalidParameter, message);
export const badState = (message: string): ApiError =>
	new ApiError(ErrorCode.InvalidState, message);
