"""``jixiao token create|list|revoke USER``: API tokens for operators, from the command line.

The parser is plain argparse (the core's ``jixiao`` command lists it without importing
Django); Django is set up only when the command runs. A created key is printed once: only its
SHA-256 is stored. Revoking deletes the user's tokens (all, or the one named by ``--id``).
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid
from typing import Any

from jixiao.commands import summary


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add ``token`` with its three operations to the ``jixiao`` command line."""
    parser = subparsers.add_parser(
        "token",
        help=summary("token"),
        description="管理网页系统接口（/api）的令牌。令牌权限与该用户在网页上的权限相同。",
    )
    ops = parser.add_subparsers(dest="operation", required=True, metavar="操作")
    create = ops.add_parser("create", help="为用户创建令牌（密钥只显示这一次）")
    create.add_argument("user", metavar="USER", help="用户名")
    create.add_argument("--name", default="命令行创建", help="令牌用途（默认：命令行创建）")
    listing = ops.add_parser("list", help="列出用户的令牌（不显示密钥）")
    listing.add_argument("user", metavar="USER", help="用户名")
    revoke = ops.add_parser("revoke", help="吊销用户的令牌")
    revoke.add_argument("user", metavar="USER", help="用户名")
    revoke.add_argument("--id", dest="token_id", help="只吊销这一个令牌（标识见 list）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Set Django up and perform the operation; 2 with a Chinese message on bad input."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from jixiao.web.accounts.models import ApiToken, User

    user = User.objects.filter(username=args.user).first()
    if user is None:
        print(f"错误：没有用户“{args.user}”", file=sys.stderr)
        return 2
    tokens = ApiToken.objects.filter(user=user).order_by("created")
    if args.operation == "create":
        token, key = ApiToken.issue(user, args.name)
        print(f"已为 {user.username} 创建令牌 {token.pk}（{token.name}）。密钥只显示这一次：")
        print(key)
    elif args.operation == "list":
        for token in tokens:
            print(f"{token.pk}  {token.created:%Y-%m-%d %H:%M}  {token.name}")
        print(f"共 {tokens.count()} 个令牌", file=sys.stderr)
    else:
        chosen = tokens
        if args.token_id:
            valid = _is_uuid(args.token_id)
            chosen = tokens.filter(pk=args.token_id) if valid else tokens.none()
        count, _ = chosen.delete()
        print(f"已吊销 {user.username} 的 {count} 个令牌")
        if args.token_id and not count:
            return 2
    return 0


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
