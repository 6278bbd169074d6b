"""The permissions of the rewards and national recommendations (Art. 16–18): staff record
them, leadership and recommending departments read them."""

from django.db import migrations


def create(apps, schema_editor):
    from bases.review.roles import create_reward_roles

    create_reward_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("bases", "0018_rewards")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
