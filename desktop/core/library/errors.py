"""Why the model library could not search, fetch or install a model, in sentences for the user."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.units import Bytes


class HubUnreachableError(UserError):
    """The hub did not answer: no connection, no name lookup, a timeout or a server error."""

    def __init__(self, details: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "HubUnreachableError",
                "Sotto could not reach the Hugging Face model library. Check the internet "
                "connection and try again; if it keeps failing, the library may be down for "
                "a while.",
            )
        )
        self.details = details


class HubRepoNotFoundError(UserError):
    """The hub has no public repository of that name."""

    def __init__(self, repo: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "HubRepoNotFoundError",
                "The model library has no repository called {repo}. It may have been renamed, "
                "deleted or made private; check the name, or search for the model again.",
            ),
            repo=repo,
        )


class HubFileNotFoundError(UserError):
    """The repository exists, but holds no such file (or no such model)."""

    def __init__(self, repo: str, file: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "HubFileNotFoundError",
                "The repository {repo} has no model file called {file}. It may have been renamed "
                "or removed; look at the repository's files again and choose another.",
            ),
            repo=repo,
            file=file,
        )


class NoHashOnHubError(UserError):
    """The hub keeps no SHA-256 for the file, so a download could not be verified: refused."""

    def __init__(self, file: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "NoHashOnHubError",
                "The model library publishes no checksum for {file}, so Sotto could not check "
                "that a download of it is complete and unaltered, and did not download it. "
                "Choose another file or repository.",
            ),
            file=file,
        )


class NotEnoughDiskError(UserError):
    """The model does not fit on the disk; found before a byte was fetched or copied."""

    def __init__(self, needed: Bytes, free: Bytes, folder: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "NotEnoughDiskError",
                "This model needs {needed} of disk space, but only {free} is free in {folder}. "
                "Free up space, then try again.",
            ),
            needed=needed,
            free=free,
            folder=folder,
        )


class DiskFullError(UserError):
    """The disk filled up while a model was being added; a download keeps what it fetched."""

    def __init__(self, folder: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DiskFullError",
                "The disk holding {folder} became full while Sotto was adding the model. Free up "
                "space, then try again: a download resumes where it stopped.",
            ),
            folder=folder,
        )


class DownloadInterruptedError(UserError):
    """The connection was cut during a download; what was fetched is kept to resume from."""

    def __init__(self, file: str, done: Bytes, total: Bytes) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DownloadInterruptedError",
                "The download of {file} stopped at {done} of {total} because the connection was "
                "lost. The part already downloaded is kept: download it again to resume where "
                "it stopped.",
            ),
            file=file,
            done=done,
            total=total,
        )


class DownloadVerificationError(UserError):
    """A downloaded file differs from the hub's SHA-256 record; it has been deleted."""

    def __init__(self, file: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DownloadVerificationError",
                "The downloaded copy of {file} does not match the checksum the model library "
                "publishes, so it may be damaged or altered. It was deleted; download it again, "
                "or choose another file.",
            ),
            file=file,
        )


class AlreadyInstalledError(UserError):
    """A model file of that name is already in the models folder."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "AlreadyInstalledError",
                "{name} is already installed. Remove it from the library first to add it again.",
            ),
            name=name,
        )


class DuplicateModelError(UserError):
    """The model being added is one the library has already, under another file name."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DuplicateModelError",
                "This model is already in your library as {name}: the file is the same. "
                "Nothing was added.",
            ),
            name=name,
        )


class StarterModelError(UserError):
    """The user tried to remove the starter model, which ships with Sotto."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "StarterModelError",
                "{name} is the starter model that comes with Sotto, so that it always works "
                "offline; it cannot be removed.",
            ),
            name=name,
        )
