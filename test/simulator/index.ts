// Servertastic API v2 simulator for tests and the demo. See README.md beside this file.
export { startSimulator, DEFAULT_API_KEY, DEFAULT_POINTS } from './server';
export type { CannedReply, RecordedRequest, Simulator, SimulatorOptions } from './server';
export type { SimulatorSettings } from './context';
export { VARIANTS, isVariant } from './shape';
export type { Variant } from './shape';
export type {
	AuditEntry,
	CaCert,
	Contact,
	IssuedCertificate,
	Modification,
	OrderState,
	OrderStatus,
} from './state';
export { CERT_DAYS, formatDate, isPending, isPlaceable } from './state';
export { ApiError, ErrorCode } from './errors';
export { approverEmails, baseDomain } from './domains';
export {
	HASHING_ALGORITHMS,
	PRODUCTS,
	findProduct,
	orderCost,
	productFields,
	productLabel,
} from './products';
export type { Product, ProductField } from './products';
export { csrCommonName, makeCsr } from './x509';
export {
	FAULT_KINDS,
	FAULTS_THAT_MAY_FOLLOW_THE_EFFECT,
	READ_ONLY_CALLS,
	faultReply,
} from './faults';
export { seededRandom } from '../support/random';
export type { FaultKind, FaultOptions, FaultSettings, InjectedFault } from './faults';
export { FILE_METHODS, fetchFile, namesToCheck } from './fileCheck';
export type { FileCheck, FileValidationSettings } from './fileCheck';
