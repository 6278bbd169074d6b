"""The alliance's resource board: posts that bases offer or seek."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from alliance.models import ResourcePost
from bases.models import CooperationField


class ResourcePostFactory(DjangoModelFactory):
    """An approved offer of equipment by ``base``, open for thirty more days; ``fields`` names
    its cooperation fields."""

    class Meta:
        model = ResourcePost
        skip_postgeneration_save = True

    direction = ResourcePost.Direction.OFFER
    kind = ResourcePost.Kind.EQUIPMENT
    title = "开放共享测试平台"
    description = "说明"
    contact_email = "secret-poster@example.org"
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = ResourcePost.Status.APPROVED

    @factory.post_generation
    def fields(post, create, extracted, **kwargs):
        names = extracted or []
        post.fields.set([CooperationField.objects.get_or_create(name=name)[0] for name in names])
        if create:
            post.save()  # Parental relations are held in memory until the post is saved.
