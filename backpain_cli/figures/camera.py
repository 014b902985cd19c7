"""One camera for a whole picture: raised above the floor and turned a little, so that
both legs and both arms show where both are in play. The projection is orthographic:
a ball of the body is a circle of the same radius in the picture, so a part of the
body, the hull of its balls, is seen as the hull of their circles.

The picture's x is across and y is up, in body heights.
"""

from __future__ import annotations

import math

from backpain_cli.figures.body import Vector

Point = tuple[float, float]


class Camera:
    """Where the camera looks from: ``elevation`` degrees above the floor, turned
    ``azimuth`` degrees about the vertical from straight across the room."""

    def __init__(self, elevation: float, azimuth: float) -> None:
        self.elevation, self.azimuth = elevation, azimuth
        turn, tilt = math.radians(azimuth), math.radians(elevation)
        self._turn = (math.cos(turn), math.sin(turn))
        self._tilt = (math.cos(tilt), math.sin(tilt))

    def project(self, point: Vector) -> Point:
        x, y, z = point
        (cos_t, sin_t), (cos_e, sin_e) = self._turn, self._tilt
        towards = x * sin_t + z * cos_t
        return (x * cos_t - z * sin_t, y * cos_e - towards * sin_e)

    def depth(self, point: Vector) -> float:
        """How near ``point`` is to the camera (larger is nearer)."""
        x, y, z = point
        (cos_t, sin_t), (cos_e, sin_e) = self._turn, self._tilt
        return (x * sin_t + z * cos_t) * cos_e + y * sin_e

    def towards(self) -> Vector:
        """A unit vector in the room pointing at the camera."""
        (cos_t, sin_t), (cos_e, sin_e) = self._turn, self._tilt
        return (sin_t * cos_e, sin_e, cos_t * cos_e)


#: The camera of each view. From the side (a body on its back), raised a little and
#: turned a little towards the head, so that the near and far arms and legs stand
#: apart and the face shows past arms raised over the shoulders. From the front (a
#: body on its side), from high above and towards the feet, so that both knees show
#: bent at right angles with the heels together, and the top knee, opened, still
#: shows bent over a V to the bottom one: a lower camera sees the opened thigh end
#: on, and the leg looks straight.
CAMERAS = {
    "side": Camera(elevation=25.0, azimuth=-15.0),
    "front": Camera(elevation=70.0, azimuth=35.0),
}
#: From the side, for a band below the knees: turned towards the feet instead, so that
#: the band shows crossing the front of both shins. From the head's side the shins
#: show their backs, the near thigh hides the far shin, and the band seems to stop in
#: the air.
BELOW_KNEES = Camera(elevation=25.0, azimuth=25.0)
