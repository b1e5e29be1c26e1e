"""Writes tiny-conv.pt, the TorchScript test fixture for DjlBackbone: two seeded random
convolutions (3 -> 8 -> 6 channels, stride 2), no trained weights. Run with any PyTorch 2.x:
    python make_tiny_conv.py
"""
import torch


class TinyConv(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.b = torch.nn.Conv2d(8, 6, 3, padding=1)

    def forward(self, x):
        return self.b(torch.relu(self.a(x)))


torch.manual_seed(7)
module = torch.jit.script(TinyConv().eval())
module.save("tiny-conv.pt")
