import {
	baselineExpiring,
	commitExpiringPoll,
	planExpiringPoll,
} from '../../../../nodes/ServertasticEventTrigger/helpers/expiringPoll';
import { hasBaseline } from '../../../../nodes/ServertasticEventTrigger/helpers/state';
import { NOW, order } from '../../../support/triggerOrders';

describe('Certificate Expiring', () => {
	const expiring = (id: string, expiryDate: string) => order(id, 'Completed', null, { expiryDate });

	it('the baseline marks the window as announced; each order fires once per expiry date', () => {
		let state = baselineExpiring([expiring('old', '2026-05-10 00:00:00')], NOW);
		expect(hasBaseline(state, 'certificateExpiring')).toBe(true);
		const answer = [expiring('old', '2026-05-10 00:00:00'), expiring('new', '2026-05-20 00:00:00')];
		const plan = planExpiringPoll(state, answer);
		expect(plan.candidates.map((o) => o.id)).toEqual(['new']);
		state = commitExpiringPoll(state, plan.candidates, NOW);
		expect(planExpiringPoll(state, answer).candidates).toEqual([]);
		// Reissued with another expiry date: a new event.
		expect(
			planExpiringPoll(state, [expiring('new', '2026-06-20 00:00:00')]).candidates.map((o) => o.id),
		).toEqual(['new']);
	});

	it('leaves what is beyond the per-poll share and forgets expiry dates more than a day past', () => {
		const state = baselineExpiring([], NOW);
		const answer = [
			expiring('a', '2026-05-02 00:00:00'),
			expiring('b', '2026-05-03 00:00:00'),
			expiring('c', '2026-05-04 00:00:00'),
		];
		const plan = planExpiringPoll(state, answer, 2);
		expect(plan.candidates.map((o) => o.id)).toEqual(['a', 'b']);
		expect(plan.deferred.map((o) => o.id)).toEqual(['c']);
		const later = commitExpiringPoll(state, plan.candidates, new Date('2026-05-03T12:00:00Z'));
		expect([...later.fired.keys()]).toEqual(['certificateExpiring|b|2026-05-03 00:00:00']);
	});
});
