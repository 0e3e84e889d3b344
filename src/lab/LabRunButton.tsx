/** Compare's and Sweep's run button: Run while idle, Cancel while their runs are in flight. */
import { Icon, type IconName } from '../ui/icons';

export function LabRunButton({ running, icon, label, disabled, onRun, onCancel }: { running: boolean; icon: IconName; label: string; disabled?: boolean; onRun: () => void; onCancel: () => void }) {
  return running ? (
    <button type="button" className="button" onClick={onCancel}>
      <Icon name="close" size={16} /> Cancel
    </button>
  ) : (
    <button type="button" className="button button--primary" disabled={disabled} onClick={onRun}>
      <Icon name={icon} size={16} /> {label}
    </button>
  );
}
