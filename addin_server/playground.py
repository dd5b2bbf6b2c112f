"""Placeholder: the playground blueprint."""
from flask import Blueprint, Flask

bp = Blueprint("playground", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
