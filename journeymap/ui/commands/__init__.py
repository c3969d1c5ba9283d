"""Every edit the UI makes is one of these QUndoCommands; they call only model methods.

`structure` holds the commands that add, move and remove stages, touchpoints and
flows; `fields` holds the commands that change fields (touchpoint, stage, journey,
persona), merging consecutive typing into one undo step.
"""
