"""What a setup test returns: Test.success() or Test.failure(message), as in SDK 3.0.0."""
from dataclasses import dataclass
from typing import Optional

from . import _wire


@dataclass(frozen=True)
class TestResponse:
    """success is True, or failure holds the message; neither, for Test.failure(None)."""

    success: Optional[bool] = None
    failure: Optional[str] = None


class Test:
    """Builds the result of a setup test function."""

    @staticmethod
    def success():
        return TestResponse(success=True)

    @staticmethod
    def failure(message):
        if message is None:
            return TestResponse()
        return TestResponse(failure=_wire.text(message))
