"""Pictures of the exercises: pose maths, the drawing, the character canvas and SVG
(pure: no click, no rich)."""
