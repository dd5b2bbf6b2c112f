"""The OAuth scopes the add-on asks for, and which of them let it read a draft.

The deployment file (manifests/gmail/deployment.json) lists exactly DEPLOYMENT_SCOPES; a test
keeps the two in step. docs/gmail.md says why each one is needed.
"""
from __future__ import annotations

PREFIX = "https://www.googleapis.com/auth/"

EXECUTE = PREFIX + "gmail.addons.execute"  # run as a Gmail add-on at all
COMPOSE_ACTION = PREFIX + "gmail.addons.current.action.compose"  # compose UI + insert text
MESSAGE_METADATA = PREFIX + "gmail.addons.current.message.metadata"  # recipients (draftAccess METADATA)
DRAFTS = PREFIX + "gmail.compose"  # drafts.list / drafts.get: the draft's text

DEPLOYMENT_SCOPES = (EXECUTE, COMPOSE_ACTION, MESSAGE_METADATA, DRAFTS)

# Any of these lets drafts.list/get read a draft (gmail.addons.current.* do not). The add-on
# asks for gmail.compose; a deployment edited to use one of the others keeps working.
READ_DRAFTS = (DRAFTS, PREFIX + "gmail.readonly", PREFIX + "gmail.modify", "https://mail.google.com/")
