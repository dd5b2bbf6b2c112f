"""Placeholder: the gmail blueprint."""
from flask import Blueprint, Flask

bp = Blueprint("gmail", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
