from django import template
from django.utils import translation

from aftersales.campaigns.models import Campaign, CampaignPart

register = template.Library()


@register.filter
def localized(campaign: Campaign, name: str) -> str:
    """A campaign's text in the page's language ("title", "defect", ...), English as fallback."""
    return campaign.text(name, translation.get_language())


@register.filter
def part_description(part: CampaignPart) -> str:
    return part.localized_description(translation.get_language())
