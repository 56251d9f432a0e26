// "Save run checkpoint" and "Resume from checkpoint", in the train panel (src/ui/train/RunCheckpoint.tsx).
export const checkpointEn = {
  'checkpoint.group': 'Run checkpoint',
  'checkpoint.save': 'Save run checkpoint',
  'checkpoint.saveTip':
    'While paused: saves the run as it stands (weights, optimizer state, epochs and steps done, where the shuffle is) to a file that Resume from checkpoint goes on from, here or in another browser; a preset’s run also goes on in a terminal, with npm run train -- --preset NAME --checkpoint FILE and the flags of what was changed.',
  'checkpoint.resume': 'Resume from checkpoint',
  'checkpoint.resumeTip': 'Goes on with a run from a checkpoint file: its settings come into the form, and it waits paused after its last step.',
  'checkpoint.saved': 'Saved {file}: the run after step {step}.',
  'checkpoint.resumed': 'Resumed {file}: {epochs} epochs and {steps} steps were done, and the curves start here.',
  'checkpoint.unreadable': 'This is not a run checkpoint the page can read: {detail}',
  'checkpoint.weightsFile': '{file} holds a model’s weights, not a run: Load model, in Save and load, reads it.',
  'checkpoint.notPage': '{file} holds a setup this page cannot build ({difference}): go on with it from a terminal, npm run train -- --checkpoint FILE with the flags of its run.',
  'checkpoint.limited': 'A run on part of the training images cannot be saved as a checkpoint: set Training images to All and train again.',
  'checkpoint.notPaused': 'The run did not come to a stop to be saved: press Pause, then Save run checkpoint.',
} as const;
