// Cancelling a session before its first day (the coordinator's trainers):
// a reason is required; the enrolments stay, for the record, and the session
// takes no one and no result afterwards (docs/training.md, "Sessions").
import { cancelSession, type TrainingSession } from '../api/training';
import { useApi } from '../app/context';
import { ReasonActionForm } from '../common/ReasonActionForm';
import { kTrainingErrorKeys } from './common';

const kLabels = {
  open: 'training.cancel_session.open',
  hint: 'training.cancel_session.hint',
  reason: 'training.cancel_session.reason',
  reason_required: 'training.cancel_session.reason_required',
  submit: 'training.cancel_session.submit',
  cancel: 'training.form.cancel',
};

export function CancelSessionForm({ session, onDone }: { session: TrainingSession; onDone(s: TrainingSession): void }) {
  const api = useApi();
  return (
    <ReasonActionForm<TrainingSession>
      labels={kLabels}
      required
      testId="cancel-session"
      errorKeys={kTrainingErrorKeys}
      run={(reason) => cancelSession(api, session.id, reason)}
      onDone={onDone}
    />
  );
}
