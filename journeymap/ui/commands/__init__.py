"""Every edit the UI makes is one of these QUndoCommands; they call only model methods.

`structure` holds the commands that add, move and remove stages, touchpoints and
flows (the adding ones live in `adding`, which also folds naming a just-added stage
or touchpoint into its add); `fields` holds the commands that change fields (touchpoint, stage, journey,
persona), merging consecutive typing into one undo step.
"""
