// The learning-rate schedule in the setup: none, StepLR or CosineAnnealingLR
// (src/train/lr-schedule.ts), and the two numbers of the one chosen. The
// PyTorch names stay as they are in both languages, as the optimizers' do.

import { useShallow } from 'zustand/react/shallow';
import type { MessageId } from '../app/i18n/translator.ts';
import { useT } from '../app/i18n/useT.ts';
import { SelectField, TextField } from '../app/kit/Field.tsx';
import { noSchedule, scheduleChoices, scheduleFields, scheduleLabelKeys, type ScheduleTextField, type Settings, type SettingsErrors } from '../app/store/settings.ts';
import { useAppStore } from '../app/store/store.ts';
import { settingHelp } from '../lessons/SettingLessonLink.tsx';

const fieldKeys = {
  stepSize: { label: 'schedule.stepSize', tip: 'schedule.stepSize.tip', gloss: 'step_size' },
  gamma: { label: 'schedule.gamma', tip: 'schedule.gamma.tip', gloss: 'gamma' },
  tMax: { label: 'schedule.tMax', tip: 'schedule.tMax.tip', gloss: 'T_max' },
  etaMin: { label: 'schedule.etaMin', tip: 'schedule.etaMin.tip', gloss: 'eta_min' },
} as const satisfies Record<ScheduleTextField, { label: MessageId; tip: MessageId; gloss: string }>;

export function ScheduleFields({ settings, errors }: { settings: Settings; errors: SettingsErrors }) {
  const tr = useT();
  const actions = useAppStore(useShallow((s) => ({ setType: s.setScheduleType, setText: s.setScheduleText })));
  const schedule = settings.lrSchedule ?? noSchedule;
  // The English term beside a Korean label, as SetupPanel's fields have it; PyTorch's argument names.
  const gloss = (english: string) => (tr.language === 'en' ? undefined : english);
  return (
    <>
      <SelectField
        label={tr.t('schedule.label')}
        gloss={gloss(tr.t('gloss.lrSchedule'))}
        {...settingHelp('schedule.tip', tr)}
        value={schedule.type}
        options={scheduleChoices.map((value) => ({ value, label: tr.t(scheduleLabelKeys[value]) }))}
        onChange={actions.setType}
      />
      {scheduleFields[schedule.type].length > 0 ? (
        <div className="setup__row">
          {scheduleFields[schedule.type].map((field) => (
            <TextField
              key={field}
              label={tr.t(fieldKeys[field].label)}
              gloss={gloss(fieldKeys[field].gloss)}
              {...settingHelp(fieldKeys[field].tip, tr)}
              inputMode={field === 'stepSize' || field === 'tMax' ? 'numeric' : 'decimal'}
              value={schedule[field]}
              error={errors[`schedule-${field}`]}
              onChange={(value) => actions.setText(field, value)}
            />
          ))}
        </div>
      ) : null}
    </>
  );
}
